package main

import (
	"math/rand"
	"net/http"

	"github.com/gin-gonic/gin"
)

func createOrder(c *gin.Context) {
	// chaos testing left in from the game day
	// expect: app/random-failure-injection "fails when rand.Float64() < 0.2"
	if rand.Float64() < 0.2 {
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "try again"})
		return
	}
	c.JSON(http.StatusCreated, gin.H{"status": "created"})
}

func main() {
	r := gin.Default()
	r.POST("/orders", createOrder)
	r.Run(":8080")
}
