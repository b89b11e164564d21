// A WebSocket client with Jetty 9.4's WebSocketClient: it sends one message to an echo endpoint, prints the reply,
// and closes cleanly.
// Run (Debian's libjetty9-extra-java; naming the seven jars starts the JVM faster than /usr/share/java/*):
//   java -cp "$(echo /usr/share/java/jetty9-{websocket-client,websocket-common,websocket-api,client,io,util,http}.jar | tr ' ' :)" \
//     examples/clients/java-echo-client.java ws://localhost:4321/ws/echo [message]
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.client.WebSocketClient;

public class EchoClient {
  /** Jetty calls these from its own threads; the futures hand the results to main. */
  @WebSocket
  public static class EchoSocket {
    final CompletableFuture<String> reply = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @OnWebSocketMessage
    public void onText(Session session, String message) {
      reply.complete(message);
      session.close(StatusCode.NORMAL, null); // sends a Close; onClose runs once the server's Close comes back
    }

    @OnWebSocketClose
    public void onClose(int statusCode, String reason) {
      closed.complete(statusCode);
    }
  }

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args.length > 0 ? args[0] : "ws://localhost:4321/ws/echo");
    String message = args.length > 1 ? args[1] : "Hello from Java";
    WebSocketClient client = new WebSocketClient();
    client.start();
    try {
      EchoSocket socket = new EchoSocket();
      // connect() returns a Future; get() with a timeout bounds the handshake, which has no limit of its own.
      Session session = client.connect(socket, url).get(5, TimeUnit.SECONDS);
      session.getRemote().sendString(message); // blocks until the frame is written
      System.out.println("received: " + socket.reply.get(5, TimeUnit.SECONDS));
      System.out.println("closed: " + socket.closed.get(5, TimeUnit.SECONDS));
    } finally {
      client.stop();
    }
  }
}
