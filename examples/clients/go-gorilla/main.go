// An Autobahn fuzzingserver echo client with gorilla/websocket: every message goes back as it came.
// Run: go run main.go -url ws://127.0.0.1:9001 -agent go-gorilla (GOPATH mode, with Debian's golang-github-gorilla-websocket-dev)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/url"

	"github.com/gorilla/websocket"
)

// echo runs one case: it reads messages until the connection ends, writing each back with its type.
// gorilla answers Pings and Closes itself, and ReadMessage returns an error once the case is over.
func echo(base, path string) {
	conn, _, err := websocket.DefaultDialer.Dial(base+path, nil)
	if err != nil {
		log.Printf("%s: %v", path, err)
		return
	}
	defer conn.Close()
	for {
		messageType, message, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(messageType, message); err != nil {
			return
		}
	}
}

func caseCount(base string) int {
	conn, _, err := websocket.DefaultDialer.Dial(base+"/getCaseCount", nil)
	if err != nil {
		log.Fatalf("getCaseCount: %v", err)
	}
	defer conn.Close()
	_, message, err := conn.ReadMessage()
	if err != nil {
		log.Fatalf("getCaseCount: %v", err)
	}
	var count int
	if err := json.Unmarshal(message, &count); err != nil {
		log.Fatalf("getCaseCount: %v", err)
	}
	return count
}

func main() {
	base := flag.String("url", "ws://127.0.0.1:9001", "the fuzzing server")
	agent := flag.String("agent", "go-gorilla", "the name the reports are filed under")
	flag.Parse()
	name := url.QueryEscape(*agent)
	count := caseCount(*base)
	for n := 1; n <= count; n++ {
		echo(*base, fmt.Sprintf("/runCase?case=%d&agent=%s", n, name))
	}
	echo(*base, "/updateReports?agent="+name)
	fmt.Printf("ran %d cases as %s\n", count, *agent)
}
