const express = require("express");

const app = express();
const port = process.env.PORT || 3000;

app.get("/", (req, res) => res.send("storefront"));

app.listen(port, () => console.log(`storefront listening on ${port}`));
