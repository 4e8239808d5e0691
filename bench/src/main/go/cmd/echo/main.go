// Command echo is the physical floor of a plugin call: a request and its answer over a Unix socket, with no gRPC, no
// HTTP/2 and no TLS. A request is a 4-byte big-endian answer length R, a 4-byte request length L and L bytes; the
// answer is R bytes. So a 16-byte Get is (R=16, L=16) and a 1 MiB Put is (R=16, L=1 MiB). It listens on the socket
// path given, prints "listening", and exits when its stdin closes (the parent is done or gone).
//
//	echo SOCKET-PATH
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: echo SOCKET-PATH")
		os.Exit(2)
	}
	listener, err := net.Listen("unix", os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		listener.Close()
		os.Exit(0)
	}()
	fmt.Println("listening")
	for {
		conn, err := listener.Accept()
		if err != nil {
			return
		}
		go serve(conn)
	}
}

func serve(conn net.Conn) {
	defer conn.Close()
	in := bufio.NewReaderSize(conn, 64<<10)
	var header [8]byte
	var request, answer []byte
	for {
		if _, err := io.ReadFull(in, header[:]); err != nil {
			return
		}
		answerLen, requestLen := binary.BigEndian.Uint32(header[:4]), binary.BigEndian.Uint32(header[4:])
		if uint32(cap(request)) < requestLen {
			request = make([]byte, requestLen)
		}
		if _, err := io.ReadFull(in, request[:requestLen]); err != nil {
			return
		}
		if uint32(cap(answer)) < answerLen {
			answer = make([]byte, answerLen)
		}
		if _, err := conn.Write(answer[:answerLen]); err != nil {
			return
		}
	}
}
