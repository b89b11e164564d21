// An echo server with nhooyr.io/websocket (now coder/websocket): every message goes back as it came.
// Run: go run main.go -addr 127.0.0.1:PORT (GOPATH mode, with Debian's golang-nhooyr-websocket-dev)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"

	"nhooyr.io/websocket"
)

func echo(w http.ResponseWriter, r *http.Request) {
	// The workshop's pages on this machine may connect (?server=); nhooyr refuses other origins by default.
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{OriginPatterns: []string{"localhost:*", "127.0.0.1:*"}})
	if err != nil {
		return // Accept has already answered with an HTTP error
	}
	defer conn.Close(websocket.StatusInternalError, "")
	conn.SetReadLimit(16 << 20) // Autobahn's largest messages; the default is 32 KiB
	ctx := r.Context()
	for {
		if err := echoOne(ctx, conn); err != nil {
			return // the peer closed, or broke the protocol; the library has sent the right Close
		}
	}
}

// echoOne streams one message back, frame type and all, without holding it whole in memory.
func echoOne(ctx context.Context, conn *websocket.Conn) error {
	messageType, reader, err := conn.Reader(ctx)
	if err != nil {
		return err
	}
	writer, err := conn.Writer(ctx, messageType)
	if err != nil {
		return err
	}
	if _, err := io.Copy(writer, reader); err != nil {
		return err
	}
	return writer.Close()
}

func main() {
	addr := flag.String("addr", "127.0.0.1:9001", "address to listen on")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on ws://%s/\n", listener.Addr())
	log.Fatal(http.Serve(listener, http.HandlerFunc(echo)))
}
