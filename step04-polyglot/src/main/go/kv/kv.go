// Package kv is the contract of go-plugin's KV example, shared by the kv host and the kv plugin: the handshake, the
// Go interface, and the plugin.GRPCPlugin that carries that interface over kv.proto's KV service.
package kv

import (
	"context"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"gopluginjava.io/step04/kvproto"
)

// Handshake is go-plugin's examples/grpc handshake, and step02's: protocol version 1, BASIC_PLUGIN=hello.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "BASIC_PLUGIN",
	MagicCookieValue: "hello",
}

// PluginName is the key of the plugin maps. Under gRPC it never goes on the wire.
const PluginName = "kv_grpc"

// KV is what the host programs against, whichever language serves it.
// tag::go-kv-interface[]
type KV interface {
	Put(key string, value []byte) error
	Get(key string) ([]byte, error)
}

// end::go-kv-interface[]

// Plugin serves Impl over gRPC in a plugin, and gives a host a KV that calls the plugin.
type Plugin struct {
	plugin.NetRPCUnsupportedPlugin
	Impl KV // plugin side only
}

func (p *Plugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	kvproto.RegisterKVServer(s, &server{impl: p.Impl})
	return nil
}

func (p *Plugin) GRPCClient(ctx context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return &client{ctx: ctx, kv: kvproto.NewKVClient(conn)}, nil
}

// client is the host's KV.
type client struct {
	ctx context.Context // canceled by go-plugin when the plugin process exits
	kv  kvproto.KVClient
}

func (c *client) Put(key string, value []byte) error {
	_, err := c.kv.Put(c.ctx, &kvproto.PutRequest{Key: key, Value: value})
	return err
}

func (c *client) Get(key string) ([]byte, error) {
	resp, err := c.kv.Get(c.ctx, &kvproto.GetRequest{Key: key})
	if err != nil {
		return nil, err
	}
	return resp.Value, nil
}

// server is the plugin's KV service, backed by Impl.
type server struct {
	kvproto.UnimplementedKVServer
	impl KV
}

func (s *server) Put(_ context.Context, req *kvproto.PutRequest) (*kvproto.Empty, error) {
	if err := s.impl.Put(req.Key, req.Value); err != nil {
		return nil, err
	}
	return &kvproto.Empty{}, nil
}

func (s *server) Get(_ context.Context, req *kvproto.GetRequest) (*kvproto.GetResponse, error) {
	value, err := s.impl.Get(req.Key)
	if err != nil {
		return nil, err
	}
	return &kvproto.GetResponse{Value: value}, nil
}
