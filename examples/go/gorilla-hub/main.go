// A broadcast room with github.com/gorilla/websocket: one hub goroutine, and per client one reader and one writer.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

const (
	writeWait      = 10 * time.Second  // time a write may take before the client counts as gone
	pongWait       = 60 * time.Second  // time between pongs before the client counts as gone
	pingPeriod     = pongWait * 9 / 10 // ping often enough that a live client's pong comes in time
	maxMessageSize = 4 << 10           // a longer message closes the connection with 1009
	sendQueue      = 64                // messages waiting for a client before it counts as too slow
)

type client struct {
	hub     *hub
	conn    *websocket.Conn
	send    chan []byte // what the writer still has to write
	dropped bool        // set by the hub before it closes send, when the client could not keep up
}

// #region hub
// hub owns the set of clients. Only its own goroutine touches the map, so it needs no lock.
type hub struct {
	clients    map[*client]bool
	broadcast  chan []byte
	register   chan *client
	unregister chan *client
}

func (h *hub) run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case c := <-h.unregister:
			if h.clients[c] {
				delete(h.clients, c)
				close(c.send)
			}
		case message := <-h.broadcast:
			for c := range h.clients {
				select {
				case c.send <- message:
				default: // its queue is full: it is not reading, so drop it rather than wait for it
					c.dropped = true
					delete(h.clients, c)
					close(c.send)
				}
			}
		}
	}
}

// #endregion hub

// readPump is the connection's one reader: gorilla/websocket allows one concurrent reader and one concurrent writer.
func (c *client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	c.conn.SetReadLimit(maxMessageSize)
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error { return c.conn.SetReadDeadline(time.Now().Add(pongWait)) })
	for {
		_, message, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.hub.broadcast <- message
	}
}

// #region write-pump
// writePump is the connection's one writer: messages from the hub and the pings both go through here.
func (c *client) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case message, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if !ok {
				code, reason := websocket.CloseNormalClosure, ""
				if c.dropped {
					code, reason = websocket.CloseTryAgainLater, "too slow"
				}
				c.conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason))
				return
			}
			if err := c.conn.WriteMessage(websocket.TextMessage, message); err != nil {
				return
			}
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

// #endregion write-pump

var upgrader = websocket.Upgrader{} // same-origin pages only (CheckOrigin is nil)

func serveRoom(h *hub, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &client{hub: h, conn: conn, send: make(chan []byte, sendQueue)}
	h.register <- c
	go c.writePump()
	go c.readPump()
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8083", "address to listen on")
	flag.Parse()
	h := &hub{
		clients:    map[*client]bool{},
		broadcast:  make(chan []byte),
		register:   make(chan *client),
		unregister: make(chan *client),
	}
	go h.run()
	http.HandleFunc("/room", func(w http.ResponseWriter, r *http.Request) { serveRoom(h, w, r) })
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on http://%s\n", listener.Addr())
	log.Fatal(http.Serve(listener, nil))
}
