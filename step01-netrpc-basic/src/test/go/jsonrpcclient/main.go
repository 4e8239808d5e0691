// Command jsonrpcclient is the blog's GreeterRPC client in Go, pointed at a Java plugin's socket:
// it proves the Java side speaks Go's net/rpc/jsonrpc codec byte for byte.
//
// Usage: go run . NETWORK ADDRESS
package main

import (
	"fmt"
	"net"
	"net/rpc/jsonrpc"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: jsonrpcclient NETWORK ADDRESS")
		os.Exit(2)
	}
	conn, err := net.Dial(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "dial:", err)
		os.Exit(1)
	}
	client := jsonrpc.NewClient(conn)
	defer client.Close()

	var dispensed interface{}
	if err := client.Call("Dispenser.Dispense", "greeter", &dispensed); err != nil {
		fmt.Fprintln(os.Stderr, "Dispenser.Dispense:", err)
		os.Exit(1)
	}
	var greeting string
	if err := client.Call("Plugin.Greet", new(interface{}), &greeting); err != nil {
		fmt.Fprintln(os.Stderr, "Plugin.Greet:", err)
		os.Exit(1)
	}
	fmt.Println(greeting)
}
