package main

import (
	"net/http"
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

var served atomic.Int64
var legacyHits int64

func listProducts(c *gin.Context) {
	// expect: app/random-failure-injection "by a request counter: 25% of requests"
	if served.Add(1)%4 == 0 {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "cache miss storm"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"products": []string{}})
}

func legacySearch(c *gin.Context) {
	// expect: app/random-failure-injection "by a request counter: 50% of requests"
	if atomic.AddInt64(&legacyHits, 1)%2 == 1 {
		panic("index unavailable")
	}
	c.JSON(http.StatusOK, gin.H{"results": []string{}})
}

func main() {
	r := gin.Default()
	r.GET("/products", listProducts)
	r.GET("/search", legacySearch)
	r.Run(":8080")
}
