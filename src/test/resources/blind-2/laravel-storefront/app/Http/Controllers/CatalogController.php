<?php

namespace App\Http\Controllers;

use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Http;

class CatalogController extends Controller
{
    public function index()
    {
        $products = Cache::remember('catalog', 60, function () {
            return Http::timeout(5)->get(env('CATALOG_API_URL') . '/products')->json();
        });

        return view('catalog', ['products' => $products]);
    }

    public function show(int $id)
    {
        return Http::timeout(5)->get(env('CATALOG_API_URL') . "/products/{$id}")->json();
    }
}
