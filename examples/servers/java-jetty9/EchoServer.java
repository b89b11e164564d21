// An echo server with Jetty 9.4's WebSocket API: every message goes back as it came, text as text, binary as binary.
// Run: java -cp "/usr/share/java/*" EchoServer.java PORT (Debian's libjetty9-extra-java)
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;

public class EchoServer {
  /** 16 MiB lets Autobahn's largest messages (category 9) through; Jetty's default is 64 KiB. */
  @WebSocket(maxTextMessageSize = 16 << 20, maxBinaryMessageSize = 16 << 20)
  public static class EchoSocket {
    @OnWebSocketMessage
    public void onText(Session session, String message) throws IOException {
      session.getRemote().sendString(message);
    }

    @OnWebSocketMessage
    public void onBinary(Session session, byte[] payload, int offset, int length) throws IOException {
      session.getRemote().sendBytes(ByteBuffer.wrap(payload, offset, length));
    }
  }

  public static class EchoServlet extends WebSocketServlet {
    @Override
    public void configure(WebSocketServletFactory factory) {
      factory.register(EchoSocket.class);
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
    Server server = new Server(new InetSocketAddress("127.0.0.1", port));
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new EchoServlet()), "/");
    server.setHandler(context);
    server.start();
    System.out.println("listening on ws://127.0.0.1:" + port + "/");
    server.join();
  }
}
