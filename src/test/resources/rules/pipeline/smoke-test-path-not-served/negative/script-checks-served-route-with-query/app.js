const express = require("express");
const app = express();

app.get("/ready", (req, res) => res.send("ready"));
app.get("/quotes/:id", (req, res) => res.json({ id: req.params.id }));

app.listen(3000);
