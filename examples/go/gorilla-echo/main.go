// An echo server with github.com/gorilla/websocket.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"

	"github.com/gorilla/websocket"
)

// #region upgrade-and-echo
// With CheckOrigin left nil, the Upgrader refuses a browser page from another host with 403;
// a request with no Origin (not from a browser page) is let in.
var upgrader = websocket.Upgrader{}

func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has already answered with an HTTP error
	}
	defer conn.Close()
	conn.SetReadLimit(64 << 10) // a longer message closes the connection with 1009
	// One goroutine both reads and writes here, so there is never more than one of each at a time.
	for {
		messageType, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(messageType, data); err != nil {
			return
		}
	}
}

// #endregion upgrade-and-echo

func main() {
	addr := flag.String("addr", "127.0.0.1:8082", "address to listen on")
	flag.Parse()
	http.HandleFunc("/echo", echo)
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())
	log.Fatal(http.Serve(listener, nil))
}
