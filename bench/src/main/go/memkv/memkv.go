// Package memkv is the benchmarks' KV: step04's kv contract (go-plugin's KV example: kv.proto, handshake
// BASIC_PLUGIN=hello, plugin name kv_grpc) with values kept in memory, so that a benchmark measures the plugin call
// and not the disk. The Java plugin of the bench module (MemoryKV) behaves the same way.
package memkv

import (
	"fmt"
	"sync"
)

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
