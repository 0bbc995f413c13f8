// WCAG 2 contrast of every visible text on the page: the element's computed colour against its effective
// background (the opaque or translucent backgrounds of it and its ancestors composited over the canvas),
// ancestors' opacity applied. Returns one entry per text: scope, text, colours and ratio.
var scopes = arguments[0];
function parse(value) {
  var match = /rgba?\(([^)]+)\)/.exec(value);
  if (!match) { return null; }
  var parts = match[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
}
function over(top, bottom) {
  var a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}
function luminance(c) {
  function channel(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}
function canvas() {
  var dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  var root = parse(getComputedStyle(document.documentElement).backgroundColor);
  var base = dark ? { r: 18, g: 18, b: 18, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
  return (root && root.a > 0) ? over(root, base) : base;
}
function background(element) {
  var layers = [];
  for (var node = element; node && node !== document.documentElement; node = node.parentElement) {
    var color = parse(getComputedStyle(node).backgroundColor);
    if (color && color.a > 0) { layers.push(color); if (color.a >= 1) { break; } }
  }
  var result = canvas();
  for (var i = layers.length - 1; i >= 0; i--) { result = over(layers[i], result); }
  return result;
}
function opacity(element) {
  var value = 1;
  for (var node = element; node; node = node.parentElement) { value *= Number(getComputedStyle(node).opacity); }
  return value;
}
function ownText(element) {
  if (element.tagName === 'INPUT') { return element.value; }
  var text = '';
  element.childNodes.forEach(function (node) { if (node.nodeType === Node.TEXT_NODE) { text += node.textContent; } });
  return text.trim();
}
function hex(c) { return '#' + [c.r, c.g, c.b].map(function (v) { return Math.round(v).toString(16).padStart(2, '0'); }).join(''); }
var results = [];
Object.keys(scopes).forEach(function (scope) {
  document.querySelectorAll(scopes[scope]).forEach(function (root) {
    [root].concat(Array.prototype.slice.call(root.querySelectorAll('*'))).forEach(function (element) {
      var text = ownText(element);
      if (!text || !element.getClientRects().length || getComputedStyle(element).visibility !== 'visible') { return; }
      var bg = background(element);
      var fg = parse(getComputedStyle(element).color);
      fg = over({ r: fg.r, g: fg.g, b: fg.b, a: fg.a * opacity(element) }, bg);
      var l1 = luminance(fg), l2 = luminance(bg);
      var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      results.push({ scope: scope, text: text.slice(0, 40), selector: element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).replace(/\s+/g, '.') : ''),
        color: hex(fg), background: hex(bg), ratio: Math.round(ratio * 100) / 100 });
    });
  });
});
return results;
