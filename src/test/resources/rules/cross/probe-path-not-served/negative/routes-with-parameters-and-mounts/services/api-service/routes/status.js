const express = require('express');
const router = express.Router();

router.get('/ready', (req, res) => res.json({ ready: true }));

module.exports = router;
