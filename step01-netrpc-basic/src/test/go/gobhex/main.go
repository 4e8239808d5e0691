// Prints, one per line, "name hex" for the gob encoding of fixed values: the byte sequences the Java gob codec
// is tested against (GobGoldenTest), committed as src/test/resources/io/gopluginjava/gob/go-gob.hex:
//   (cd src/test/go/gobhex && go run .) > src/test/resources/io/gopluginjava/gob/go-gob.hex
// Each line comes from a fresh Encoder, so it holds its type definitions too; type ids are numbered per process.
package main

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"net/rpc"
)

type Point struct {
	X, Y int
	Name string
}

type Everything struct {
	B     bool
	I     int64
	U     uint32
	F     float64
	S     string
	Bytes []byte
	List  []string
	M     map[string]int
	P     *Point
	Any   interface{}
}

func line(name string, values ...interface{}) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			panic(name + ": " + err.Error())
		}
	}
	fmt.Printf("%s %s\n", name, hex.EncodeToString(buf.Bytes()))
}

func main() {
	gob.Register(Point{})
	line("string-hello", "Hello!")
	line("string-empty", "")
	line("int-0", 0)
	line("int-1", 1)
	line("int-minus-1", -1)
	line("int-300", 300)
	line("int-min64", int64(-9223372036854775808))
	line("uint-255", uint(255))
	line("uint32-7", uint32(7))
	line("uint64-max", uint64(18446744073709551615))
	line("bool-true", true)
	line("float-1.5", 1.5)
	line("float-minus-0.1", -0.1)
	line("bytes-abc", []byte("abc"))
	line("slice-strings", []string{"a", "bc"})
	line("map-string-int", map[string]int{"k": 7})
	line("struct-point", Point{X: 1, Y: -2, Name: "p"})
	line("struct-point-zero", Point{})
	line("pointer-point", &Point{X: 3})
	line("interface-nil", new(interface{}))
	var p interface{} = Point{X: 5}
	line("interface-point", &p)
	line("everything", Everything{B: true, I: -5, U: 9, F: 2.25, S: "s", Bytes: []byte{1, 2}, List: []string{"x"},
		M: map[string]int{"a": 1}, P: &Point{Y: 4}, Any: "inside"})
	line("rpc-request-greet", rpc.Request{ServiceMethod: "Plugin.Greet", Seq: 0}, new(interface{}))
	line("rpc-response-greet", rpc.Response{ServiceMethod: "Plugin.Greet", Seq: 0}, "Hello!")
	line("rpc-request-dispense", rpc.Request{ServiceMethod: "Dispenser.Dispense", Seq: 1}, "greeter")
	line("rpc-response-dispense", rpc.Response{ServiceMethod: "Dispenser.Dispense", Seq: 1}, uint32(1))
	line("rpc-request-quit", rpc.Request{ServiceMethod: "Control.Quit", Seq: 2}, true)
	line("rpc-response-quit", rpc.Response{ServiceMethod: "Control.Quit", Seq: 2}, struct{}{})
	line("rpc-response-error", rpc.Response{ServiceMethod: "Dispenser.Dispense", Seq: 3, Error: "unknown plugin type: x"}, struct{}{})
}
