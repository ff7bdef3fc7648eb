<?php
// Cueflow: track an event from PHP (php-cli 7.4+, no extensions beyond json: uses
// file_get_contents with an HTTP stream context, so the curl extension is not needed).
//
// Run:
//   CUEFLOW_API_KEY=sk_... php examples/php/track.php
//   CUEFLOW_URL=http://localhost:8080 CUEFLOW_API_KEY=sk_... php examples/php/track.php
//
// Upserts the contact "user-123", then records a "purchase_completed" event for it.
// Exits non-zero if the contact upsert is not 200/201 or the event is not 201.

$baseUrl = rtrim(getenv('CUEFLOW_URL') ?: 'http://localhost:8080', '/');
$apiKey = getenv('CUEFLOW_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, "CUEFLOW_API_KEY is not set: export a secret key (sk_...) first.\n");
    exit(2);
}

/** POST a JSON body; print and return the HTTP status. Exits if the server cannot be reached. */
function post(string $path, array $body): int
{
    global $baseUrl, $apiKey;
    $context = stream_context_create([
        'http' => [
            'method' => 'POST',
            'header' => "Authorization: Bearer {$apiKey}\r\n"
                . "Content-Type: application/json\r\n",
            'content' => json_encode($body),
            'ignore_errors' => true, // return the body of 4xx/5xx responses too
            'timeout' => 30,
        ],
    ]);
    $text = @file_get_contents($baseUrl . $path, false, $context);
    if ($text === false) {
        $reason = error_get_last()['message'] ?? 'unknown error';
        fwrite(STDERR, "error: cannot reach {$baseUrl}: {$reason}\n");
        exit(1);
    }
    // file_get_contents sets $http_response_header; its status lines look like "HTTP/1.1 201 Created"
    // (take the last one, in case a redirect was followed).
    $status = 0;
    foreach ($http_response_header as $line) {
        if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $m)) {
            $status = (int) $m[1];
        }
    }
    echo "POST {$path} -> {$status}\n{$text}\n";
    return $status;
}

// 1. Create or update the contact (201 created, 200 updated).
$status = post('/api/v1/contacts', [
    'externalId' => 'user-123',
    'email' => 'user123@example.com',
    'name' => 'Jane Doe',
]);
if ($status !== 200 && $status !== 201) {
    fwrite(STDERR, "error: contact upsert failed with HTTP {$status}\n");
    exit(1);
}

// 2. Track the event (201 = stored and visible to targeting).
$status = post('/api/v1/events', [
    'externalId' => 'user-123',
    'eventKey' => 'purchase_completed',
    'properties' => ['plan' => 'pro', 'amount' => 99.99, 'currency' => 'USD'],
]);
if ($status !== 201) {
    fwrite(STDERR, "error: event tracking failed with HTTP {$status}\n");
    exit(1);
}
