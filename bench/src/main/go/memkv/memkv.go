// Package memkv is the benchmarks' KV: go-plugin's KV example contract (kv.proto, handshake BASIC_PLUGIN=hello,
// plugin name kv_grpc) with values kept in memory, so that a benchmark measures the plugin call and not the disk.
// The Java plugin of the bench module (MemoryKV) behaves the same way.
package memkv

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"gopluginjava.io/step04/kvproto"
)

// Handshake is go-plugin's examples/grpc handshake, as step02 and step04 use it.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "BASIC_PLUGIN",
	MagicCookieValue: "hello",
}

// PluginName is the key of the plugin maps; under gRPC it never goes on the wire.
const PluginName = "kv_grpc"

// KV is what a host calls.
type KV interface {
	Put(key string, value []byte) error
	Get(key string) ([]byte, error)
}

// Store is a KV in memory; a Get of a key never put is an error.
type Store struct {
	mu     sync.RWMutex
	values map[string][]byte
}

func NewStore() *Store {
	return &Store{values: map[string][]byte{}}
}

func (s *Store) Put(key string, value []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
	return nil
}

func (s *Store) Get(key string) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	value, ok := s.values[key]
	if !ok {
		return nil, fmt.Errorf("no value for key %q", key)
	}
	return value, nil
}

// Plugin carries KV over kv.proto's KV service: Impl is set in a plugin, unset in a host.
type Plugin struct {
	plugin.NetRPCUnsupportedPlugin
	Impl KV
}

func (p *Plugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	kvproto.RegisterKVServer(s, &server{impl: p.Impl})
	return nil
}

func (p *Plugin) GRPCClient(ctx context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return &Client{ctx: ctx, kv: kvproto.NewKVClient(conn)}, nil
}

// Client is the host's KV: one gRPC call per method call.
type Client struct {
	ctx context.Context
	kv  kvproto.KVClient
}

func (c *Client) Put(key string, value []byte) error {
	_, err := c.kv.Put(c.ctx, &kvproto.PutRequest{Key: key, Value: value})
	return err
}

func (c *Client) Get(key string) ([]byte, error) {
	resp, err := c.kv.Get(c.ctx, &kvproto.GetRequest{Key: key})
	if err != nil {
		return nil, err
	}
	return resp.Value, nil
}

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
