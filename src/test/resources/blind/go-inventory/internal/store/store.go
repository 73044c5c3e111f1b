package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store reads stock levels.
type Store struct {
	pool *pgxpool.Pool
}

// Open connects, retrying while the database starts.
func Open(dsn string) (*Store, error) {
	var lastErr error
	for attempt := 1; attempt <= 5; attempt++ {
		pool, err := pgxpool.New(context.Background(), dsn)
		if err == nil {
			return &Store{pool: pool}, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return nil, lastErr
}

// Quantity returns the stock of one SKU.
func (s *Store) Quantity(ctx context.Context, sku string) (int, error) {
	var qty int
	err := s.pool.QueryRow(ctx, "SELECT quantity FROM stock WHERE sku = $1", sku).Scan(&qty)
	return qty, err
}
