# An echo server with faye-websocket on Thin (EventMachine): every message goes back as it came.
# Run: ruby server.rb PORT (Debian's ruby-faye-websocket and thin)
require 'faye/websocket'
require 'thin'

Faye::WebSocket.load_adapter('thin')

port = Integer(ARGV[0] || 9001)

echo = lambda do |env|
  next [426, { 'Content-Type' => 'text/plain' }, ['WebSocket only']] unless Faye::WebSocket.websocket?(env)

  # max_length 16 MiB lets Autobahn's largest messages (category 9) through; the default is 64 MiB - 1.
  socket = Faye::WebSocket.new(env, nil, max_length: 16 * 2**20)
  socket.on(:message) { |event| socket.send(event.data) } # a String is sent as text, an Array of bytes as binary
  socket.rack_response
end

Thin::Logging.silent = true
EM.run do
  Thin::Server.start('127.0.0.1', port, echo, signals: false)
  puts "listening on ws://127.0.0.1:#{port}/"
  $stdout.flush
end
