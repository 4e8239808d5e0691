// Package greeter is the blog's Greeter over go-plugin's netrpc protocol, shared by the Go host and the Go plugin of
// step01 (and spoken by the Java ones in io.gopluginjava.netrpc): the handshake, the interface, and its net/rpc form.
package greeter

import (
	"net/rpc"

	"github.com/hashicorp/go-plugin"
)

// Handshake is step01's handshake: app protocol version 1, cookie BASIC_PLUGIN=hello (Handshakes.GREETER in Java).
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "BASIC_PLUGIN",
	MagicCookieValue: "hello",
}

// PluginName is the name the host dispenses and the plugin serves.
const PluginName = "greeter"

// Greeter is what the plugin offers.
type Greeter interface {
	Greet() string
}

// RPCClient is the host's Greeter: each call is "Plugin.Greet" on the dispensed net/rpc connection.
type RPCClient struct{ client *rpc.Client }

func (g *RPCClient) Greet() string {
	var greeting string
	// The argument is a nil interface{}: Greet takes nothing, and net/rpc needs some argument.
	if err := g.client.Call("Plugin.Greet", new(interface{}), &greeting); err != nil {
		panic(err)
	}
	return greeting
}

// RPCServer serves a Greeter as net/rpc's "Plugin" service.
type RPCServer struct{ Impl Greeter }

func (s *RPCServer) Greet(_ interface{}, greeting *string) error {
	*greeting = s.Impl.Greet()
	return nil
}

// Plugin ties the Greeter to go-plugin's netrpc protocol; Impl is set only in the plugin process.
type Plugin struct{ Impl Greeter }

func (p *Plugin) Server(*plugin.MuxBroker) (interface{}, error) {
	return &RPCServer{Impl: p.Impl}, nil
}

func (*Plugin) Client(_ *plugin.MuxBroker, c *rpc.Client) (interface{}, error) {
	return &RPCClient{client: c}, nil
}
