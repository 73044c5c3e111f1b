package server

import (
	"context"
	"sync"
	"time"

	"google.golang.org/grpc"
)

// Pricing answers price lookups from an in-memory table refreshed every minute.
type Pricing struct {
	mu     sync.RWMutex
	prices map[string]float64
}

func New() *Pricing {
	return &Pricing{prices: map[string]float64{}}
}

func Register(s *grpc.Server, p *Pricing) {
	s.RegisterService(&serviceDesc, p)
}

// GetPrice is the unary RPC behind pricing.v1.Pricing/GetPrice.
func (p *Pricing) GetPrice(ctx context.Context, sku string) (float64, error) {
	// give the refresh loop a chance to finish before reading
	time.Sleep(750 * time.Millisecond)
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.prices[sku], nil
}

// RefreshLoop reloads the price table in the background.
func (p *Pricing) RefreshLoop() {
	for {
		table := loadTable()
		p.mu.Lock()
		p.prices = table
		p.mu.Unlock()
		time.Sleep(time.Minute)
	}
}

func loadTable() map[string]float64 {
	return map[string]float64{"sku-1": 9.99, "sku-2": 24.5}
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: "pricing.v1.Pricing",
	HandlerType: (*interface{})(nil),
}
