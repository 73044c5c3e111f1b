module github.com/acme/catalog

go 1.22.1

require github.com/gin-gonic/gin v1.9.1
