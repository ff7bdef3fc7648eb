// Kept out of index.html so the page runs under a Content-Security-Policy without 'unsafe-inline' scripts.
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  tryItOutEnabled: false,
  validatorUrl: null
});
