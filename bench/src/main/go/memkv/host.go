package memkv

import (
	"fmt"
	"io"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/kv"
)

// Launched is a plugin process started by a go-plugin host, and its KV.
type Launched struct {
	Client *plugin.Client
	KV     kv.KV
	Pid    int
}

// Launch starts command (no shell: Pid is the plugin's own) as a gRPC plugin, with AutoMTLS on or off, and
// dispenses its KV. The caller kills Client.
func Launch(command []string, mtls bool) (*Launched, error) {
	cmd := exec.Command(command[0], command[1:]...)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  kv.Handshake,
		Plugins:          plugin.PluginSet{kv.PluginName: &kv.Plugin{}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         mtls,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "bench", Output: io.Discard, Level: hclog.Off}),
	})
	rpc, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, err
	}
	raw, err := rpc.Dispense(kv.PluginName)
	if err != nil {
		client.Kill()
		return nil, err
	}
	store, ok := raw.(kv.KV)
	if !ok {
		client.Kill()
		return nil, fmt.Errorf("plugin %q gives a %T, not a KV", kv.PluginName, raw)
	}
	return &Launched{Client: client, KV: store, Pid: cmd.Process.Pid}, nil
}
