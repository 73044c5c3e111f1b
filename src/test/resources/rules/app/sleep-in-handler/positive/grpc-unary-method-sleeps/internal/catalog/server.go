package catalog

import (
	"context"
	"time"

	catalogv1 "example.com/catalog/gen/catalog/v1"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type Server struct {
	catalogv1.UnimplementedCatalogServiceServer
	items map[string]*catalogv1.Item
}

func (s *Server) GetItem(ctx context.Context, req *catalogv1.GetItemRequest) (*catalogv1.GetItemResponse, error) {
	// TODO: remove once the cache warms faster
// expect: app/sleep-in-handler "rpc GetItem sleeps"
	time.Sleep(2 * time.Second)
	item, ok := s.items[req.GetId()]
	if !ok {
		return nil, status.Errorf(codes.NotFound, "item %s", req.GetId())
	}
	return &catalogv1.GetItemResponse{Item: item}, nil
}
