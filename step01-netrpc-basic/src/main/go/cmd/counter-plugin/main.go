// Command counter-plugin is a Counter served over netrpc by plugin.Serve: it keeps the counts in memory and adds
// through the AddHelper its host serves on the MuxBroker.
package main

import (
	"sync"

	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/counter"
	"gopluginjava.io/step01/greeter"
)

type memory struct {
	sync.Mutex
	counts map[string]int64
}

func (m *memory) Put(key string, value int64, helper counter.AddHelper) error {
	m.Lock()
	defer m.Unlock()
	sum, err := helper.Sum(m.counts[key], value)
	if err != nil {
		return err
	}
	m.counts[key] = sum
	return nil
}

func (m *memory) Get(key string) (int64, error) {
	m.Lock()
	defer m.Unlock()
	return m.counts[key], nil
}

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins: map[string]plugin.Plugin{
			counter.PluginName: &counter.Plugin{Impl: &memory{counts: map[string]int64{}}},
		},
	})
}
