// The plotly.js bundle of pages whose charts are bars and scatter lines (Gantt, S-curve,
// posts by country, workshop participation) and the coordination's heat map. Scatter
// comes with the core.
'use strict';

var Plotly = require('./plotly-core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap')]);

module.exports = Plotly;
