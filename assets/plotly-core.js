// plotly.js's core (node_modules/plotly.js/src/core.js, 4.1.1) without the components no
// chart of ours uses: 3-D annotations, images, update menus, sliders, range sliders and
// selectors, error bars, and the Promise polyfill (80 KB less to parse, 19 KB less to fetch
// on a slow link). plotly.js asks its registry for a component and does nothing when it
// is missing. Keep in step with src/core.js when plotly.js is upgraded.
'use strict';

exports.version = require('plotly.js/src/version').version;

require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;

var plotApi = require('plotly.js/src/plot_api');
var methodNames = Object.keys(plotApi);
for (var i = 0; i < methodNames.length; i++) {
    var name = methodNames[i];
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
}

register(require('plotly.js/src/traces/scatter'));

register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    // legend after shapes, fx after legend: their defaults depend on them (as upstream)
    require('plotly.js/src/components/legend'),
    require('plotly.js/src/components/fx'),
    require('plotly.js/src/components/modebar'),
]);

register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);

// A locale file loaded before the bundle (static/vendor/plotly/locales) waits here.
if (window.PlotlyLocales && Array.isArray(window.PlotlyLocales)) {
    register(window.PlotlyLocales);
    delete window.PlotlyLocales;
}

exports.Icons = require('plotly.js/src/fonts/ploticon');

var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');

exports.Plots = {
    resize: Plots.resize,
    graphJson: Plots.graphJson,
    sendDataToCloud: Plots.sendDataToCloud,
};
exports.Fx = {
    hover: Fx.hover,
    unhover: Fx.unhover,
    loneHover: Fx.loneHover,
    loneUnhover: Fx.loneUnhover,
};
exports.Snapshot = require('plotly.js/src/snapshot');
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');
