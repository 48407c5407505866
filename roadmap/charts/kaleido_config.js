/* Loaded into Kaleido's page after plotly.js (charts/export.py). Kaleido 1.5 hands
   plotly.js no config from Python (its parse() keeps a figure's data and layout only),
   so a figure carries its config (the locale of its dates and numbers) in
   layout.meta.config and this applies it to the image. */
(function () {
  "use strict";
  var toImage = Plotly.toImage;
  Plotly.toImage = function (gd, options) {
    var meta = gd && gd.layout && gd.layout.meta;
    if (meta && meta.config) {
      gd = Object.assign({}, gd, { config: Object.assign({}, gd.config, meta.config) });
    }
    return toImage.call(Plotly, gd, options);
  };
})();
