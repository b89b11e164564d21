// A client with github.com/gorilla/websocket: dials an echo endpoint, sends one message, prints the reply, closes cleanly.
package main

import (
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/gorilla/websocket"
)

func main() {
	url := flag.String("url", "ws://localhost:4321/ws/echo", "WebSocket URL to dial")
	text := flag.String("message", "Hello from Go", "message to send")
	closeWait := flag.Duration("close-wait", 5*time.Second, "how long to wait for the server's Close after sending ours")
	flag.Parse()

	conn, response, err := websocket.DefaultDialer.Dial(*url, nil)
	if err != nil {
		if response != nil {
			log.Fatalf("the server refused the handshake: %s", response.Status)
		}
		log.Fatal(err)
	}
	defer conn.Close()

	if err := conn.WriteMessage(websocket.TextMessage, []byte(*text)); err != nil {
		log.Fatal(err)
	}
	_, reply, err := conn.ReadMessage()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("received: %s\n", reply)

	// #region clean-close
	// A clean close: send a Close frame, then read until the server's Close comes back (RFC 6455 §7.1.2).
	goodbye := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "done")
	if err := conn.WriteMessage(websocket.CloseMessage, goodbye); err != nil {
		log.Fatal(err)
	}
	// A server that never answers would keep this loop waiting forever. An endpoint may close the connection by any
	// means when necessary (§7.1.1), and the RFC sets no time limit: the deadline makes ReadMessage fail, and the
	// program exits with that error.
	if err := conn.SetReadDeadline(time.Now().Add(*closeWait)); err != nil {
		log.Fatal(err)
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
				fmt.Println("closed: 1000")
				return
			}
			log.Fatal(err)
		}
	}
	// #endregion clean-close
}
