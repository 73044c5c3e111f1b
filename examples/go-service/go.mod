module github.com/example/go-app

go 1.21
