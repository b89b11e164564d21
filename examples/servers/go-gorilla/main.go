// An echo server with gorilla/websocket: every message goes back as it came, text as text, binary as binary.
// Run: go run main.go -addr 127.0.0.1:PORT (GOPATH mode, with Debian's golang-github-gorilla-websocket-dev)
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"

	"github.com/gorilla/websocket"
)

// CheckOrigin accepts every request here because a conformance prober sends no Origin; a server for browsers
// keeps gorilla's default, which refuses pages from other sites.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has already answered with an HTTP error
	}
	defer conn.Close()
	conn.SetReadLimit(16 << 20) // Autobahn's largest messages; gorilla's default is no limit at all
	for {
		messageType, message, err := conn.ReadMessage()
		if err != nil {
			return // the peer closed, or broke the protocol
		}
		if err := conn.WriteMessage(messageType, message); err != nil {
			return
		}
	}
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
