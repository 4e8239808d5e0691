// Package counter is a netrpc plugin that calls its host back through go-plugin's MuxBroker: the host passes an
// AddHelper with each Put, serves it on a broker id of its own (NextId, AcceptAndServe), and the plugin dials that id
// to add. Shared by step01's Go host and Go plugin, and spoken by io.gopluginjava.step01.shared.CounterNetRpcPlugin.
package counter

import (
	"net/rpc"

	"github.com/hashicorp/go-plugin"
)

// PluginName is the name the host dispenses and the plugin serves.
const PluginName = "counter"

// AddHelper is served by the host; the plugin calls it.
type AddHelper interface {
	Sum(a, b int64) (int64, error)
}

// Counter is what the plugin offers: Put adds value to what key holds, with the host's helper doing the sum.
type Counter interface {
	Put(key string, value int64, helper AddHelper) error
	Get(key string) (int64, error)
}

// PutArgs is Put's argument on the wire: the broker id where the host serves its AddHelper.
type PutArgs struct {
	AddServer uint32
	Key       string
	Value     int64
}

// SumArgs is AddHelper.Sum's argument on the wire.
type SumArgs struct{ A, B int64 }

// RPCClient is the host's Counter.
type RPCClient struct {
	broker *plugin.MuxBroker
	client *rpc.Client
}

// Put serves helper on a fresh broker id for the plugin to dial, then calls Plugin.Put with that id.
func (c *RPCClient) Put(key string, value int64, helper AddHelper) error {
	id := c.broker.NextId()
	go c.broker.AcceptAndServe(id, &AddHelperServer{Impl: helper})
	var nothing interface{}
	return c.client.Call("Plugin.Put", &PutArgs{AddServer: id, Key: key, Value: value}, &nothing)
}

func (c *RPCClient) Get(key string) (int64, error) {
	var value int64
	err := c.client.Call("Plugin.Get", key, &value)
	return value, err
}

// RPCServer serves a Counter as net/rpc's "Plugin" service.
type RPCServer struct {
	Broker *plugin.MuxBroker
	Impl   Counter
}

// Put dials the host's AddHelper on the id it was given and hands it to the implementation.
func (s *RPCServer) Put(args *PutArgs, _ *interface{}) error {
	conn, err := s.Broker.Dial(args.AddServer)
	if err != nil {
		return err
	}
	client := rpc.NewClient(conn)
	defer client.Close()
	return s.Impl.Put(args.Key, args.Value, &AddHelperClient{client: client})
}

func (s *RPCServer) Get(key string, value *int64) error {
	v, err := s.Impl.Get(key)
	*value = v
	return err
}

// AddHelperClient is the plugin's view of the host's AddHelper: calls to "Plugin.Sum" on the dialled stream.
type AddHelperClient struct{ client *rpc.Client }

func (h *AddHelperClient) Sum(a, b int64) (int64, error) {
	var sum int64
	err := h.client.Call("Plugin.Sum", &SumArgs{A: a, B: b}, &sum)
	return sum, err
}

// AddHelperServer serves the host's AddHelper (AcceptAndServe registers it as "Plugin").
type AddHelperServer struct{ Impl AddHelper }

func (s *AddHelperServer) Sum(args *SumArgs, sum *int64) error {
	v, err := s.Impl.Sum(args.A, args.B)
	*sum = v
	return err
}

// Plugin ties the Counter to go-plugin's netrpc protocol; Impl is set only in the plugin process.
type Plugin struct{ Impl Counter }

func (p *Plugin) Server(b *plugin.MuxBroker) (interface{}, error) {
	return &RPCServer{Broker: b, Impl: p.Impl}, nil
}

func (*Plugin) Client(b *plugin.MuxBroker, c *rpc.Client) (interface{}, error) {
	return &RPCClient{broker: b, client: c}, nil
}
