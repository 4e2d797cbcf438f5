<?php
session_start();
echo 'count=', $_SESSION['count'] ?? 0, "\n";
