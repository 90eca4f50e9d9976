// Starts Swagger UI over this service's own document. No validator badge: it would send the
// document to a third-party site.
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    onComplete: function () {
      root.setAttribute('aria-busy', 'false');
    }
  });
})();
