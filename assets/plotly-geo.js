// The plotly.js bundle of pages that draw the map of the posts (Scattergeo markers over a
// Choropleth of the project countries) beside bar and scatter charts: the dashboard, the
// map page and the report. Upstream's geo bundle has no bars, and the full one weighs
// three times as much, so we build this one.
'use strict';

var Plotly = require('./plotly-core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'),
]);

module.exports = Plotly;
