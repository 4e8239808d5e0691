// Package counter is the contract of go-plugin's bidirectional example, shared by the counter host and the counter
// plugin: a Counter served by the plugin, whose Put calls back an Adder that the host serves through the broker.
package counter

import (
	"context"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"gopluginjava.io/step04/counterproto"
)

// Handshake is the same as the KV example's: protocol version 1, BASIC_PLUGIN=hello.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "BASIC_PLUGIN",
	MagicCookieValue: "hello",
}

// PluginName is the key of the plugin maps. Under gRPC it never goes on the wire.
const PluginName = "counter"

// Counter is what the host programs against: Put adds value to the number stored under key, using adder to do the sum.
type Counter interface {
	Put(key string, value int64, adder Adder) error
	Get(key string) (int64, error)
}

// Adder is served by the host and called by the plugin during a Put.
type Adder interface {
	Sum(a, b int64) (int64, error)
}

// Plugin serves Impl over gRPC in a plugin, and gives a host a Counter that calls the plugin.
type Plugin struct {
	plugin.NetRPCUnsupportedPlugin
	Impl Counter // plugin side only
}

func (p *Plugin) GRPCServer(broker *plugin.GRPCBroker, s *grpc.Server) error {
	counterproto.RegisterCounterServer(s, &server{impl: p.Impl, broker: broker})
	return nil
}

func (p *Plugin) GRPCClient(ctx context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return &client{ctx: ctx, counter: counterproto.NewCounterClient(conn), broker: broker}, nil
}

// client is the host's Counter.
type client struct {
	ctx     context.Context // canceled by go-plugin when the plugin process exits
	counter counterproto.CounterClient
	broker  *plugin.GRPCBroker
}

func (c *client) Put(key string, value int64, adder Adder) error {
	id, stop := serveAdder(c.broker, adder)
	defer stop()
	_, err := c.counter.Put(c.ctx, &counterproto.PutRequest{AddServer: id, Key: key, Value: value})
	return err
}

func (c *client) Get(key string) (int64, error) {
	resp, err := c.counter.Get(c.ctx, &counterproto.GetRequest{Key: key})
	if err != nil {
		return 0, err
	}
	return resp.Value, nil
}

// serveAdder serves adder through the broker under a new id, until stop is called.
func serveAdder(broker *plugin.GRPCBroker, adder Adder) (id uint32, stop func()) {
	id = broker.NextId()
	started := make(chan *grpc.Server, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Listens on a new socket, sends its address to the plugin under id, then serves until stopped.
		broker.AcceptAndServe(id, func(opts []grpc.ServerOption) *grpc.Server {
			s := grpc.NewServer(opts...) // opts carry the AutoMTLS credentials
			counterproto.RegisterAddHelperServer(s, &adderServer{impl: adder})
			started <- s
			return s
		})
	}()
	return id, func() {
		select {
		case s := <-started:
			s.Stop()
		case <-done: // AcceptAndServe failed before making a server (it logs why)
		}
		<-done
	}
}

// server is the plugin's Counter service, backed by Impl.
type server struct {
	counterproto.UnimplementedCounterServer
	impl   Counter
	broker *plugin.GRPCBroker
}

func (s *server) Put(ctx context.Context, req *counterproto.PutRequest) (*counterproto.Empty, error) {
	conn, err := s.broker.Dial(req.AddServer) // waits up to 5 s for the host to announce the id
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	adder := &adderClient{ctx: ctx, helper: counterproto.NewAddHelperClient(conn)}
	if err := s.impl.Put(req.Key, req.Value, adder); err != nil {
		return nil, err
	}
	return &counterproto.Empty{}, nil
}

func (s *server) Get(_ context.Context, req *counterproto.GetRequest) (*counterproto.GetResponse, error) {
	value, err := s.impl.Get(req.Key)
	if err != nil {
		return nil, err
	}
	return &counterproto.GetResponse{Value: value}, nil
}

// adderClient is the plugin's Adder: it calls the host's AddHelper service.
type adderClient struct {
	ctx    context.Context // the Put's: the callback ends with it
	helper counterproto.AddHelperClient
}

func (a *adderClient) Sum(x, y int64) (int64, error) {
	resp, err := a.helper.Sum(a.ctx, &counterproto.SumRequest{A: x, B: y})
	if err != nil {
		return 0, err
	}
	return resp.R, nil
}

// adderServer is the host's AddHelper service, backed by the host's Adder.
type adderServer struct {
	counterproto.UnimplementedAddHelperServer
	impl Adder
}

func (a *adderServer) Sum(_ context.Context, req *counterproto.SumRequest) (*counterproto.SumResponse, error) {
	r, err := a.impl.Sum(req.A, req.B)
	if err != nil {
		return nil, err
	}
	return &counterproto.SumResponse{R: r}, nil
}
