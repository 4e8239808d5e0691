// Command yamuxecho checks the Java yamux against hashicorp/yamux v0.1.2, the version go-plugin v1.8.0 uses: it dials
// the Unix socket given, runs a yamux client session with the default config, and on each of two streams at once
// sends SIZE bytes of a fixed pattern and reads them back (the Java side echoes them), then prints "ok".
// Four times the 256 KiB window each way: it only finishes if both sides send their window updates right.
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"

	"github.com/hashicorp/yamux"
)

func main() {
	size, _ := strconv.Atoi(os.Args[2])
	conn, err := net.Dial("unix", os.Args[1])
	check(err)
	session, err := yamux.Client(conn, nil)
	check(err)
	done := make(chan error, 2)
	for s := 0; s < 2; s++ {
		go func(seed byte) { done <- echo(session, size, seed) }(byte(s))
	}
	for s := 0; s < 2; s++ {
		check(<-done)
	}
	check(session.Close())
	fmt.Println("ok")
}

func echo(session *yamux.Session, size int, seed byte) error {
	stream, err := session.OpenStream()
	if err != nil {
		return err
	}
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i*7) + seed
	}
	go func() {
		_, _ = stream.Write(data)
	}()
	back := make([]byte, size)
	if _, err := io.ReadFull(stream, back); err != nil {
		return err
	}
	if !bytes.Equal(back, data) {
		return fmt.Errorf("stream %d: the echo differs from what was sent", stream.StreamID())
	}
	return stream.Close()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "yamuxecho:", err)
		os.Exit(1)
	}
}
