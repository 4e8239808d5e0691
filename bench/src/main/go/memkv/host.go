package memkv

import (
	"fmt"
	"io"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
)

// Launched is a plugin process started by a go-plugin host, and its KV.
type Launched struct {
	Client *plugin.Client
	KV     KV
	Pid    int
}

// Launch starts command (no shell: Pid is the plugin's own) as a gRPC plugin, with AutoMTLS on or off, and
// dispenses its KV. The caller kills Client.
func Launch(command []string, mtls bool) (*Launched, error) {
	cmd := exec.Command(command[0], command[1:]...)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  Handshake,
		Plugins:          plugin.PluginSet{PluginName: &Plugin{}},
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
	raw, err := rpc.Dispense(PluginName)
	if err != nil {
		client.Kill()
		return nil, err
	}
	kv, ok := raw.(KV)
	if !ok {
		client.Kill()
		return nil, fmt.Errorf("plugin %q gives a %T, not a KV", PluginName, raw)
	}
	return &Launched{Client: client, KV: kv, Pid: cmd.Process.Pid}, nil
}
