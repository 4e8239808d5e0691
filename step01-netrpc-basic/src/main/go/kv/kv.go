// Package kv is go-plugin's KV example in its net/rpc form, shared by step01's Go host and Go plugin (and spoken by
// the Java ones in io.gopluginjava.step01.shared.KvNetRpcPlugin): the interface, and how it goes over net/rpc.
package kv

import (
	"net/rpc"

	"github.com/hashicorp/go-plugin"
)

// PluginName is the name go-plugin's examples give the KV over netrpc.
const PluginName = "kv"

// KV is what the plugin offers.
type KV interface {
	Put(key string, value []byte) error
	Get(key string) ([]byte, error)
}

// RPCClient is the host's KV: each method is one net/rpc call to the "Plugin" service.
type RPCClient struct{ client *rpc.Client }

// Put sends the key and the value in one map of interface values, and expects nothing back.
func (c *RPCClient) Put(key string, value []byte) error {
	var nothing interface{}
	return c.client.Call("Plugin.Put", map[string]interface{}{"key": key, "value": value}, &nothing)
}

// Get sends the key and gets the value back.
func (c *RPCClient) Get(key string) ([]byte, error) {
	var value []byte
	err := c.client.Call("Plugin.Get", key, &value)
	return value, err
}

// RPCServer serves a KV as net/rpc's "Plugin" service.
type RPCServer struct{ Impl KV }

// Put unpacks the map the client sent.
func (s *RPCServer) Put(args map[string]interface{}, _ *interface{}) error {
	key, _ := args["key"].(string)
	value, _ := args["value"].([]byte)
	return s.Impl.Put(key, value)
}

// Get answers the value, or the implementation's error.
func (s *RPCServer) Get(key string, value *[]byte) error {
	v, err := s.Impl.Get(key)
	*value = v
	return err
}

// Plugin ties the KV to go-plugin's netrpc protocol; Impl is set only in the plugin process.
type Plugin struct{ Impl KV }

func (p *Plugin) Server(*plugin.MuxBroker) (interface{}, error) {
	return &RPCServer{Impl: p.Impl}, nil
}

func (*Plugin) Client(_ *plugin.MuxBroker, c *rpc.Client) (interface{}, error) {
	return &RPCClient{client: c}, nil
}
