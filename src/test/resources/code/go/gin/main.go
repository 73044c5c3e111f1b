package main

import (
	"database/sql"
	"math/rand"
	"net/http"
	"os"
	"strconv"

	"github.com/gin-gonic/gin"
	_ "github.com/lib/pq"
)

var db *sql.DB

func connect() *sql.DB {
	for {
		conn, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
		if err == nil {
			if err = conn.Ping(); err == nil {
				return conn
			}
		}
	}
}

func setupRouter() *gin.Engine {
	r := gin.Default()
	r.GET("/health", func(c *gin.Context) {
		c.String(http.StatusOK, "ok")
	})
	api := r.Group("/api/v1")
	api.GET("/orders/:id", getOrder)
	api.POST("/orders", createOrder)
	return r
}

func getOrder(c *gin.Context) {
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "bad id"})
		return
	}
	c.JSON(200, gin.H{"id": id})
}

func createOrder(c *gin.Context) {
	if rand.Float64() < 0.5 {
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "chaos"})
		return
	}
	c.Status(http.StatusCreated)
}

func main() {
	db = connect()
	r := setupRouter()
	r.Run(":8080")
}
