# A WebSocket client with faye-websocket (EventMachine): it sends one message to an echo endpoint, prints the reply,
# and closes cleanly.
# Run: ruby examples/clients/ruby-echo-client.rb ws://localhost:4321/ws/echo [message]
require 'faye/websocket'
require 'eventmachine'

url = ARGV[0] || 'ws://localhost:4321/ws/echo'
message = ARGV[1] || 'Hello from Ruby'
status = 0

EM.run do
  socket = Faye::WebSocket::Client.new(url)
  # faye sets no time limit on the handshake or the close; without this timer a silent server would hang the program.
  EM.add_timer(5) do
    warn 'error: no answer within 5 s'
    status = 1
    EM.stop
  end

  socket.on(:open) { socket.send(message) }
  socket.on(:message) do |event|
    puts "received: #{event.data.is_a?(String) ? event.data : "#{event.data.size} bytes"}"
    socket.close(1000) # sends a Close; :close fires once the server's Close comes back
  end
  socket.on(:error) { |event| warn "error: #{event.message}" } # :close follows with 1006
  socket.on(:close) do |event|
    puts "closed: #{event.code}"
    status = 1 unless event.code == 1000
    EM.stop
  end
end
$stdout.flush
exit status
