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
// echo sends every message back. Message.Receive reads one whole frame; the io.Copy(ws, ws) of the package's
// own example copies in 32 KiB chunks, so a longer message comes back split in two. Neither joins the frames
// of a message sent in fragments (RFC 6455 §5.4): each fragment comes back as a message of its own.
func echo(ws *websocket.Conn) {
	ws.MaxPayloadBytes = 64 << 10 // the default is 32 MiB
	for {
		var message string
		if err := websocket.Message.Receive(ws, &message); err != nil {
			return // the peer closed, or broke the protocol
		}
		if err := websocket.Message.Send(ws, message); err != nil {
			return
		}
	}
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
