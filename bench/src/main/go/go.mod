module gopluginjava.io/bench

go 1.24.0

require (
	github.com/hashicorp/go-hclog v1.6.3
	github.com/hashicorp/go-plugin v1.8.0
	google.golang.org/grpc v1.61.0
	gopluginjava.io/step01 v0.0.0
	gopluginjava.io/step04 v0.0.0
)

require (
	github.com/fatih/color v1.13.0 // indirect
	github.com/golang/protobuf v1.5.4 // indirect
	github.com/hashicorp/yamux v0.1.2 // indirect
	github.com/mattn/go-colorable v0.1.12 // indirect
	github.com/mattn/go-isatty v0.0.17 // indirect
	github.com/oklog/run v1.1.0 // indirect
	golang.org/x/net v0.38.0 // indirect
	golang.org/x/sys v0.31.0 // indirect
	golang.org/x/text v0.23.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20231106174013-bbf56f31fb17 // indirect
	google.golang.org/protobuf v1.36.6 // indirect
)

// kvproto, the Go code generated from step02's kv.proto, comes from step04's module.
replace gopluginjava.io/step04 => ../../../../step04-polyglot/src/main/go

// The Greeter over netrpc (package greeter) comes from step01's module.
replace gopluginjava.io/step01 => ../../../../step01-netrpc-basic/src/main/go
