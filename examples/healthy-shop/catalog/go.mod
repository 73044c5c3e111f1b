module example.com/shop/catalog

go 1.22
