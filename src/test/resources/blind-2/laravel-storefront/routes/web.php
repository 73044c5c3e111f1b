<?php

use App\Http\Controllers\CatalogController;
use Illuminate\Support\Facades\Route;

Route::get('/', [CatalogController::class, 'index']);
Route::get('/products/{id}', [CatalogController::class, 'show']);
Route::get('/up', fn () => response()->json(['status' => 'ok']));
