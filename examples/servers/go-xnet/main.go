// An echo server with golang.org/x/net/websocket, as its package documentation writes one: io.Copy(ws, ws).
// Run: go run main.go -addr 127.0.0.1:PORT (GOPATH mode, with Debian's golang-golang-x-net-dev)
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"

	"golang.org/x/net/websocket"
)

func echo(ws *websocket.Conn) {
	io.Copy(ws, ws) // copies frame payloads, not messages: see the Conformance page for what that costs
}

func main() {
	addr := flag.String("addr", "127.0.0.1:9001", "address to listen on")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on ws://%s/\n", listener.Addr())
	// websocket.Server without a Handshake check accepts requests with no Origin, as a prober sends.
	log.Fatal(http.Serve(listener, websocket.Server{Handler: echo}))
}
