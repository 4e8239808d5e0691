// Command mtls-probe is a go-plugin host that does AutoMTLS and nothing more: it starts the KV plugin in $KV_PLUGIN
// (run through sh -c) with AutoMTLS on, pings it over the mutual-TLS connection, and prints the certificate go-plugin
// made for this host, as PEM, exactly as the plugin received it in PLUGIN_CLIENT_CERT. step04's
// GoPluginCertificateTest compares that certificate with the Java one.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/internal/cli"
	"gopluginjava.io/step04/kv"
)

const clientCertEnv = "PLUGIN_CLIENT_CERT="

func main() {
	cli.Exit(run())
}

func run() error {
	if len(os.Args) != 1 {
		return errors.New("usage: mtls-probe   (plugin command from $KV_PLUGIN; prints go-plugin's host certificate)")
	}
	cmd, err := cli.PluginCommand("KV_PLUGIN", "./kv-plugin")
	if err != nil {
		return err
	}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  kv.Handshake,
		Plugins:          plugin.PluginSet{kv.PluginName: &kv.Plugin{}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           cli.Logger("mtls-probe"),
	})
	defer client.Kill()

	rpc, err := client.Client()
	if err != nil {
		return err
	}
	// A health check: the first call, so the TLS handshake both ways happens here.
	if err := rpc.Ping(); err != nil {
		return fmt.Errorf("ping over mTLS: %w", err)
	}
	// go-plugin keeps its certificate to itself; the plugin's environment, which it sets on cmd, is where it shows.
	for _, entry := range cmd.Env {
		if strings.HasPrefix(entry, clientCertEnv) {
			fmt.Print(strings.TrimPrefix(entry, clientCertEnv))
			return nil
		}
	}
	return errors.New("go-plugin started the plugin without " + strings.TrimSuffix(clientCertEnv, "="))
}
