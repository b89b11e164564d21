// An echo server with golang.org/x/net/websocket, the package many older Go tutorials use.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"

	"golang.org/x/net/websocket"
)

// #region echo-and-origin
// echo sends every message back with the type it came in. websocket.Message would not: it receives any frame into
// a string and sends a string as text, so binary came back as text and broke peers on non-UTF-8 bytes (§8.1).
// sameType reads one whole frame and keeps its type. The package's own io.Copy(ws, ws) example is worse: each
// Read returns at most one frame, possibly only part of it, and each Write sends a frame, so even a short message
// can come back split.
// Neither joins the frames of a message sent in fragments (RFC 6455 §5.4): each comes back as a message of its own.
func echo(ws *websocket.Conn) {
	ws.MaxPayloadBytes = 64 << 10 // the default is 32 MiB
	for {
		var message frame
		if err := sameType.Receive(ws, &message); err != nil {
			return // the peer closed, or broke the protocol
		}
		if err := sameType.Send(ws, message); err != nil {
			return
		}
	}
}

// frame is one received frame: its payload and its type, websocket.TextFrame or websocket.BinaryFrame.
type frame struct {
	payloadType byte
	data        []byte
}

// sameType is a codec for frame values, so a frame goes back out with the type it came in with.
var sameType = websocket.Codec{
	Marshal: func(v interface{}) ([]byte, byte, error) {
		f := v.(frame)
		return f.data, f.payloadType, nil
	},
	Unmarshal: func(data []byte, payloadType byte, v interface{}) error {
		*v.(*frame) = frame{payloadType, data}
		return nil
	},
}

// sameOrigin lets in pages from this server's own host, and programs that send no Origin at all.
// websocket.Handler's own check only insists that an Origin is present, then lets every site's pages in.
func sameOrigin(config *websocket.Config, req *http.Request) error {
	origin, err := websocket.Origin(config, req)
	if err != nil {
		return err
	}
	if origin != nil && origin.Host != req.Host {
		return fmt.Errorf("pages from %s may not connect", origin)
	}
	config.Origin = origin
	return nil // a non-nil error answers 403 Forbidden
}

// #endregion echo-and-origin

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	flag.Parse()
	http.Handle("/echo", websocket.Server{Handler: echo, Handshake: sameOrigin})
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())
	log.Fatal(http.Serve(listener, nil))
}
