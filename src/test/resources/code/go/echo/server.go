package main

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/", hello)
	e.GET("/livez", func(c echo.Context) error {
		return c.NoContent(http.StatusServiceUnavailable)
	})
	e.POST("/users", createUser)
	e.Logger.Fatal(e.Start(":1323"))
}

func hello(c echo.Context) error {
	return c.String(http.StatusOK, "Hello, World!")
}

func createUser(c echo.Context) error {
	var u struct{ Name string }
	if err := c.Bind(&u); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	if u.Name == "" {
		return errors.New("name required")
	}
	return c.JSON(http.StatusCreated, u)
}
