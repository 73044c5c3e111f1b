module github.com/acme/pricing

go 1.22.4

require (
	google.golang.org/grpc v1.64.0
	google.golang.org/protobuf v1.34.2
)
