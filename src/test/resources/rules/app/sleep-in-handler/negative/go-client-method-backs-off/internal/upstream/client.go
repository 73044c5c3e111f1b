package upstream

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Client calls the inventory API; it is used by workers, not by request handlers.
type Client struct {
	base string
	http *http.Client
}

func (c *Client) Stock(ctx context.Context, sku string) (int, error) {
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/stock/%s", c.base, sku), nil)
		resp, err := c.http.Do(req)
		if err == nil {
			defer resp.Body.Close()
			var out struct{ Qty int }
			return out.Qty, json.NewDecoder(resp.Body).Decode(&out)
		}
		lastErr = err
		time.Sleep(time.Duration(1<<attempt) * 200 * time.Millisecond)
	}
	return 0, lastErr
}
